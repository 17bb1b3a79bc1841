// A module whose Flux is optional, deployed without it: the parameter's type is
// nullable (`type extensionType = {…}?`), so it is null, `!empty(fluxExtension)`
// is false and the old fluxConfiguration is never deployed. Silent.
param clusterName string = 'aks1'

module withoutFlux 'flux.bicep' = {
  name: 'without-flux'
  params: {
    clusterName: clusterName
  }
}
