<html><body><h1>Pages @VERSION@</h1></body></html>
