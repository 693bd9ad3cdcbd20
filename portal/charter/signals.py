from django.dispatch import Signal

# Sent when the charter version in force changes, with version= the new one (None when no
# charter is live). Apps that list members only while they accept it (the directory) listen.
charter_version_changed = Signal()
