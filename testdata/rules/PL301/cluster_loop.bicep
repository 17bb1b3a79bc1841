// PL301: a loop over clusters patless knows is a cluster for each; only 'aks-b' has the
// issuer off. Extensions and configurations find theirs through aks[i].
param clusters array = [
  { name: 'aks-a', oidc: true }
  { name: 'aks-b', oidc: false }
]
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = [for c in clusters: {
  name: c.name
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: c.name
    // expect: PL301 error 35-41
    oidcIssuerProfile: { enabled: c.oidc }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}]
resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'flux-id'
  location: 'westeurope'
}
@batchSize(1)
resource fic 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for (c, i) in clusters: {
  parent: uami
  name: 'flux-${c.name}'
  properties: {
    issuer: aks[i].properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]
resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = [for (c, i) in clusters: {
  name: 'flux'
  scope: aks[i]
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': uami.properties.clientId
    }
  }
}]
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = [for (c, i) in clusters: {
  name: 'config'
  scope: aks[i]
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
  dependsOn: [ flux ]
}]
