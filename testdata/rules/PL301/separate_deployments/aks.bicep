// PL301 across separate deployments: the cluster is deployed here, and
// flux.main.bicep (another deployment) puts the extension on it by name,
// through flux.bicep. A pre-commit run naming aks.bicep or flux.bicep reports it.
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-prod'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-prod'
    kubernetesVersion: '1.30.6'
    // expect: PL301 error 35-40
    oidcIssuerProfile: { enabled: false }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}
