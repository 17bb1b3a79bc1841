@export()
var organization = 'contoso'
