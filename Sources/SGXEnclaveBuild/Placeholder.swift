// SGXEnclaveBuild
