# The MIB layer (libsmi) arrives with its own issue.
