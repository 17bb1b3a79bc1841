// AVM's tests deploy a module twice, to show the second deployment changes
// nothing: one resource each, drawn once, with the finding of both passes (PL202).
module testDeployment 'flux.bicep' = [
  for iteration in ['init', 'idem']: {
    name: 'test-${iteration}'
    params: {
      clusterName: 'aks-test'
    }
  }
]

// Two clusters: each with its own extension, drawn apart although the extensions
// share a name and are written at one place.
module clusters 'cluster.bicep' = [
  for name in ['aks-a', 'aks-b']: {
    name: 'cluster-${name}'
    params: {
      clusterName: name
    }
  }
]
