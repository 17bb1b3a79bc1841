// Imported from outside the scan: read for context.
@export()
var issuerEnabled = false
