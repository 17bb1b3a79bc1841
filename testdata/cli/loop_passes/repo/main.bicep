// One loop deploys the environments, and only prod's extension fails: the
// finding says which pass ('envs[1]').
module envs 'cluster.bicep' = [
  for env in [
    {
      name: 'aks-dev'
      autoUpgrade: false
    }
    {
      name: 'aks-prod'
      autoUpgrade: true
    }
  ]: {
    name: 'cluster-${env.name}'
    params: {
      clusterName: env.name
      autoUpgrade: env.autoUpgrade
    }
  }
]

// Every pass fails: one note, which names no pass.
module regions 'cluster.bicep' = [
  for region in ['westeurope', 'northeurope']: {
    name: 'cluster-${region}'
    params: {
      clusterName: 'aks-${region}'
      autoUpgrade: true
    }
  }
]

// Some passes fail: one note names them, as ranges where three or more run on.
module zones 'cluster.bicep' = [
  for i in range(0, 6): {
    name: 'cluster-zone-${i}'
    params: {
      clusterName: 'aks-zone-${i}'
      autoUpgrade: i != 2
    }
  }
]
