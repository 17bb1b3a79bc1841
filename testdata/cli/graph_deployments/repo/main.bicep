// One file deployed twice, to two clusters: each deployment is drawn on its own,
// and prod's finding (PL202) only on prod's extension.
module dev 'cluster.bicep' = {
  name: 'dev'
  params: {
    clusterName: 'aks-dev'
    autoUpgrade: false
  }
}

module prod 'cluster.bicep' = {
  name: 'prod'
  params: {
    clusterName: 'aks-prod'
    autoUpgrade: true
  }
}
