# libFuzzer targets; make check replays their corpora.
