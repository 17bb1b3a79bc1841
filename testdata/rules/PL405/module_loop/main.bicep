// A module loop over two credentials of one identity, without @batchSize(1).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-module-loop'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-module-loop'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module fluxIdentity 'identity.bicep' = {
  name: 'flux-identity'
  params: {
    name: 'id-flux-module-loop'
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
