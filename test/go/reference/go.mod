module tagpilot.test/reference

go 1.26

require github.com/google/go-containerregistry v0.21.6

require github.com/opencontainers/go-digest v1.0.0 // indirect
