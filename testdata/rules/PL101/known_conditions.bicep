// Conditions patless can decide: none of these old configurations is deployed.
param clusterName string
param configs array = []
param region string

resource cluster 'Microsoft.ContainerService/managedClusters@2024-10-01' existing = {
  name: clusterName
}

// An empty list: `length(configs) > 0` is false.
resource perConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2022-03-01' = if (length(configs) > 0) {
  name: 'per-config'
  scope: cluster
  properties: { sourceKind: 'GitRepository' }
}

// false whatever region is.
resource regional 'Microsoft.KubernetesConfiguration/fluxConfigurations@2022-03-01' = if (region == 'westeurope' && length(configs) >= 1) {
  name: 'regional'
  scope: cluster
  properties: { sourceKind: 'GitRepository' }
}

// Deployed when region is: reported.
// expect: PL101 error 70-80
resource maybe 'Microsoft.KubernetesConfiguration/fluxConfigurations@2022-03-01' = if (region == 'westeurope' || length(configs) > 0) {
  name: 'maybe'
  scope: cluster
  properties: { sourceKind: 'GitRepository' }
}
