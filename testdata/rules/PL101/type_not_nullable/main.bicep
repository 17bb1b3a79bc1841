// As nullable_type_module, but the type is not nullable: a deployment that does
// not pass it fails, patless cannot tell what the condition is, and the template
// is reported.
param clusterName string = 'aks1'

module withoutFlux 'flux.bicep' = {
  name: 'without-flux'
  params: {
    clusterName: clusterName
  }
}
