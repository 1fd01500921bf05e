# The Lua binding arrives with its own issue.
