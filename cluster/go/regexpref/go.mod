module podsmith.dev/regexpref

go 1.24.0
