// The Flux module takes an optional client id and falls back on the identity
// main.bicep creates, which has no federated credential: PL401.
resource aks 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: 'westeurope'
}

module flux 'flux.bicep' = {
  name: 'flux'
  params: {
    clusterName: aks.name
    defaultClientId: uami.properties.clientId
  }
}
