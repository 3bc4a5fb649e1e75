module tagpilot.test/duration

go 1.26
