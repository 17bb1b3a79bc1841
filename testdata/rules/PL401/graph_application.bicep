// Flux runs as an Entra application (the Microsoft Graph Bicep extension), not a user-assigned
// identity: patless does not read the application's federated credential, and PL401 to PL404
// stay silent.
extension microsoftGraphV1

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-graph'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource app 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: 'flux-source-controller'
  displayName: 'Flux source-controller'

  resource fic 'federatedIdentityCredentials@v1.0' = {
    name: '${app.uniqueName}/aks'
    audiences: ['api://AzureADTokenExchange']
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': app.appId
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cluster-config'
  scope: aks
  properties: {
    scope: 'cluster'
    namespace: 'flux-system'
    sourceKind: 'GitRepository'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
      repositoryRef: { branch: 'main' }
    }
  }
  dependsOn: [flux]
}
