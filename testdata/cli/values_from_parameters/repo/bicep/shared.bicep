// Values shared by the parameter files.
@export()
var developmentOidc = false
