using './main.bicep'

param provider = 'Azure'
