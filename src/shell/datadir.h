/*
 * The user's data folder (SPEC §4): $XDG_DATA_HOME/snmpsh, else
 * ~/.local/share/snmpsh, where the history, the shell's and the demo
 * agent's engine IDs and boots are kept.  Used by the demo agent too,
 * which is built without the rest of the shell.
 */
#ifndef SH_DATADIR_H
#define SH_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

/*
 * mkdir -p: each missing folder of path is created with mode 0700.  path
 * is changed during the call and restored.  0, or -1 with errno.
 */
int sh_mkdir_p(char *path);
/*
 * The data folder's path into buf (cap bytes): XDG_DATA_HOME unset, empty
 * or relative counts as unset (XDG Base Directory specification).
 * create: make the folder (0700) when it is missing.  Returns buf, or
 * NULL with a reason in *why (why may be NULL).
 */
const char *sh_data_dir(char *buf, size_t cap, bool create,
    const char **why);

#endif
