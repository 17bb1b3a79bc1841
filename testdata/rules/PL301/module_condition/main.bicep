// A module's condition is the condition of everything it deploys, as a
// resource's own is: the extension module runs on the first cluster (PL301),
// is known not to run on the second and may not run on the third (silent).
param fluxChoice bool
param production bool = true

resource first 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-module-on'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    // expect: PL301 error 35-40
    oidcIssuerProfile: { enabled: false }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module fluxOn 'extension.bicep' = if (production) {
  name: 'flux-on'
  params: { clusterName: first.name }
}

resource second 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-module-off'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: false }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module fluxOff 'extension.bicep' = if (!production) {
  name: 'flux-off'
  params: { clusterName: second.name }
}

resource third 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-module-undecided'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: false }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module fluxMaybe 'extension.bicep' = if (fluxChoice) {
  name: 'flux-maybe'
  params: { clusterName: third.name }
}
