// A module loop over two credentials of one identity, its @batchSize from a parameter.
param batchSize int

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-unknown-batch'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-unknown-batch'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module fluxIdentity 'identity.bicep' = {
  name: 'flux-identity'
  params: {
    name: 'id-flux-unknown-batch'
    batch: batchSize
    federatedIdentityCredentials: [
      {
        name: 'orders'
        issuer: aks.properties.oidcIssuerProfile.issuerURL
        subject: 'system:serviceaccount:shop:orders'
        audiences: [ 'api://AzureADTokenExchange' ]
      }
      {
        name: 'flux'
        issuer: aks.properties.oidcIssuerProfile.issuerURL
        subject: 'system:serviceaccount:flux-system:source-controller'
        audiences: [ 'api://AzureADTokenExchange' ]
      }
    ]
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.outputs.clientId
    }
  }
}
