"""Date formats of our own (FORMAT_MODULE_PATH): Django's, with the time zone named."""
