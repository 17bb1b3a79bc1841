module flux 'flux.bicep' = {
  name: 'flux'
  params: {
    clusterName: 'aks-prod'
  }
}
