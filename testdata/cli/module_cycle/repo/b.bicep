param depth int

module a './a.bicep' = {
  name: 'a'
  params: {
    depth: depth + 1
  }
}
