// Scanned alone (`patless check repo/params`): Bicep reads the template this
// file deploys, so patless does too, for context.
using '../infra/main.bicep'

param issuerEnabled = false
