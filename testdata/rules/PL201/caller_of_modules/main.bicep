// PL201 fires in flux.bicep with the version this file passes, though this file
// declares no resource of the chain: only modules.
module storage './storage.bicep' = {
  name: 'storage'
}

module flux './flux.bicep' = {
  name: 'flux'
  params: {
    fluxVersion: '1.8.0'
  }
}
