// In a multi-line array, `list[0]` is one item, an index into list (the grammar
// reads it as two: `list` and the array `[0]`). The first credential's audience
// is the right one: silent. The second picks the wrong entry: PL404.
var audienceChoices = [
  'api://AzureADTokenExchange'
  'api://AzureADTokenExchangeChina'
]

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

@batchSize(1)
resource credentials 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [
  for (audienceIndex, i) in [0]: {
    parent: fluxIdentity
    name: 'flux-${i}'
    properties: {
      issuer: aks.properties.oidcIssuerProfile.issuerURL
      subject: 'system:serviceaccount:flux-system:source-controller'
      audiences: [
        audienceChoices[0]
      ]
    }
  }
]

resource wrongAudience 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: fluxIdentity
  name: 'flux-wrong'
  dependsOn: [credentials]
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    // expect: PL404 error 16-50:6
    audiences: [
      audienceChoices[1]
    ]
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
