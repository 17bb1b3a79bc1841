// PL401 fires: Flux runs as an identity without a federated credential for it.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
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
  name: 'flux-id'
  location: 'westeurope'
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      // expect: PL401 error 41-73
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
  dependsOn: [ flux ]
}

// A credential for another workload on another cluster is not Flux's.
resource appCredential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: fluxIdentity
  name: 'app'
  properties: {
    issuer: 'https://westeurope.oic.prod-aks.azure.com/tenant/other-cluster/'
    subject: 'system:serviceaccount:apps:web'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
