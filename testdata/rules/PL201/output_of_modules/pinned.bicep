output flux string = '1.8.0'
