// Read for context: the cluster's finding (PL301, the issuer the parameter file
// turns off) is in this file, outside the paths named. It is reported, as the
// parameter file scanned takes part in it (params_outside_scan_excluded: not
// when the configuration excludes this file).
param issuerEnabled bool

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: issuerEnabled }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
  }
}
