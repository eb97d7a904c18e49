module podling.dev/tools

go 1.22
