// A federated credential for a GitHub Actions workflow on an identity patless
// cannot tell (its name is a parameter): another issuer and another subject, so
// it is not Flux's, and Flux's identity still has none.
param pipelineIdentityName string

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

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: 'westeurope'
}

resource pipelineCredential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  name: '${pipelineIdentityName}/github-main'
  properties: {
    issuer: 'https://token.actions.githubusercontent.com'
    subject: 'repo:contoso/infra:ref:refs/heads/main'
    audiences: ['api://AzureADTokenExchange']
  }
}

resource ext 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      // expect: PL401 error 41-73
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}
