using './main.bicep'
extends './shared.bicepparam'

// The base's `providerName` is its own: this one does not change what it sets.
var providerName = 'Generic'
