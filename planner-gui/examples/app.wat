(module (memory 1 1) (memory 1 2))
