# Before Django and the libraries start: a few modules they import but the portal never uses
# are loaded on first use only (worker memory, portal/startup.py).
from portal.startup import install_lazy_imports

install_lazy_imports()
