# Shell completions arrive with the REPL issue.
