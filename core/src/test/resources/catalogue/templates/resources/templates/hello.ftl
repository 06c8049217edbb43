<!DOCTYPE html>
<html><body>
<h1>Hello, ${name}!</h1>
<p>template @VERSION@, rendered by ${version}</p>
<ul>
<#list items as item>
  <li>${item?upper_case}</li>
</#list>
</ul>
</body></html>
