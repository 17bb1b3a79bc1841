// A flexible federated credential (2025-01-31-preview): claimsMatchingExpression instead of
// a subject, which patless does not evaluate. Its subject is not wrong, only unread (silent).
resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-claims'
  location: 'westeurope'
}
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-claims'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}
resource fluxFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2025-01-31-preview' = {
  parent: fluxIdentity
  name: 'flux'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    claimsMatchingExpression: {
      languageVersion: 1
      value: 'claims[\'sub\'] matches \'system:serviceaccount:flux-system:source-controller\''
    }
    audiences: ['api://AzureADTokenExchange']
  }
}
resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
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
