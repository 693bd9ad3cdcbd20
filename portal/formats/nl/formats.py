# Dutch writes the time with a full stop: "om 14.30 uur" (Taalunie); the rest is Django's.
TIME_FORMAT = "H.i"
