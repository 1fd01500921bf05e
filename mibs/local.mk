# The bundled MIB modules are installed by the MIB issue.
