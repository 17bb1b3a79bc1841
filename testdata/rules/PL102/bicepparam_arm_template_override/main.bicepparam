using './main.json'

param provider = 'Azure'
