module podling.dev/tools/probe

go 1.22
