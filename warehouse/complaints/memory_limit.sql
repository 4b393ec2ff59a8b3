set memory_limit = '768MB'
