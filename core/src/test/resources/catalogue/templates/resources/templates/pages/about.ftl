<html><body><h1>About @VERSION@</h1><p>version ${version!"unset"}</p></body></html>
