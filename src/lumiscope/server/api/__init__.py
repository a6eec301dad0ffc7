"""HTTP routes. Each module builds one router from the services it is handed."""
