// PL101 stays silent: a configuration that pulls an OCI artifact, a bucket or an
// Azure Blob container has no gitRepository.provider to need 2024-11-01 for (OCI
// and Blob sources have workload identity settings of their own).
param clusterName string
param ociRepository object = {}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: clusterName
}

// sourceKind in a union(), as modules that merge defaults write it.
resource oci 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
  name: 'apps'
  scope: aks
  properties: union({
    scope: 'cluster'
    namespace: 'flux-system'
  }, {
    sourceKind: 'OCIRepository'
    ociRepository: {
      url: ociRepository.url
      useWorkloadIdentity: true
    }
  })
}

resource bucket 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
  name: 'bucket'
  scope: aks
  properties: {
    sourceKind: 'Bucket'
    bucket: {
      url: 'https://s3.example.com'
      bucketName: 'config'
    }
  }
}

resource blob 'Microsoft.KubernetesConfiguration/fluxConfigurations@2022-11-01' = {
  name: 'blob'
  scope: aks
  properties: {
    sourceKind: 'AzureBlob'
    azureBlob: {
      url: 'https://contoso.blob.core.windows.net'
      containerName: 'config'
    }
  }
}
