"""Domain engines: pure Python, plain data in and out, no Django import."""
