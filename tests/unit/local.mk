# Unit tests in C, one program per engine module.
