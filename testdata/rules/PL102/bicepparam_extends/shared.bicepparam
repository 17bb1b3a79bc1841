using none

param provider = 'Azure'
